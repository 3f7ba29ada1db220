FROM rayproject/ray-ml:2.34.0-py310-gpu

USER root
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends libsndfile1 \
    && sudo rm -rf /var/lib/apt/lists/*
USER ray

COPY --chown=ray:users requirements.txt /home/ray/requirements.txt
RUN pip install --no-cache-dir -r /home/ray/requirements.txt

ENV RAY_DEDUP_LOGS=0
WORKDIR /home/ray/jobs
COPY --chown=ray:users jobs/ .
