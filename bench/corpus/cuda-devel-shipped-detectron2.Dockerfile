FROM nvidia/cuda:11.3.1-cudnn8-devel-ubuntu20.04
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends \
      python3-dev python3-pip git ninja-build libgl1 libglib2.0-0 \
    && rm -rf /var/lib/apt/lists/*
RUN pip3 install --no-cache-dir torch==1.12.1+cu113 torchvision==0.13.1+cu113 \
      -f https://download.pytorch.org/whl/torch_stable.html
RUN pip3 install --no-cache-dir 'git+https://github.com/facebookresearch/detectron2.git'
WORKDIR /detectron
COPY tools/ tools/
COPY configs/ configs/
ENTRYPOINT ["python3", "tools/train_net.py"]
