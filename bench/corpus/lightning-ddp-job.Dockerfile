FROM pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime
ARG WANDB_PROJECT=segmentation
ENV WANDB_PROJECT=${WANDB_PROJECT} \
    NCCL_DEBUG=WARN \
    OMP_NUM_THREADS=4

RUN pip install --no-cache-dir lightning==2.4.0 torchmetrics==1.4.1 wandb==0.17.7 \
      segmentation-models-pytorch==0.3.3 albumentations==1.4.14

WORKDIR /job
COPY seg/ seg/
COPY train.py .
ENTRYPOINT ["torchrun", "--nproc_per_node=gpu", "train.py"]
