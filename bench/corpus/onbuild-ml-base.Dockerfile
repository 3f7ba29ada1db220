# Team base image: downstream projects just `FROM ml-base:py311-cu121` and get their deps installed.
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip python3-venv \
    && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /workspace
ONBUILD COPY requirements.txt /workspace/requirements.txt
ONBUILD RUN pip install -r /workspace/requirements.txt
ONBUILD RUN apt-get update && apt-get install -y libsm6
ONBUILD COPY . /workspace
ONBUILD ENV MODEL_DIR=/workspace/models
ONBUILD WORKDIR /workspace
CMD ["python", "main.py"]
