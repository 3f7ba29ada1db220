FROM tensorflow/tensorflow:2.16.1-gpu-jupyter

LABEL org.opencontainers.image.title="tf-notebooks" \
      org.opencontainers.image.source="https://github.com/example/tf-notebooks" \
      org.opencontainers.image.licenses="Apache-2.0"

RUN apt-get update && apt-get install -y --no-install-recommends graphviz=2.42.2-6 \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt /tmp/requirements.txt
RUN python -m pip install --no-cache-dir -r /tmp/requirements.txt

WORKDIR /tf/notebooks
COPY notebooks/ /tf/notebooks/

EXPOSE 8888
CMD ["bash", "-c", "source /etc/bash.bashrc && jupyter notebook --notebook-dir=/tf --ip 0.0.0.0 --no-browser --allow-root"]
