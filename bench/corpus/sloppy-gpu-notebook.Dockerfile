FROM nvidia/cuda

MAINTAINER someone@lab.example.edu

ENV HF_TOKEN=hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
ENV WANDB_API_KEY 1234567890abcdef1234567890abcdef12345678

RUN apt update
RUN apt install -y python3 python3-pip git wget curl vim
RUN pip3 install torch torchvision transformers datasets jupyter
RUN pip3 install git+https://github.com/huggingface/peft.git

RUN cd /root && wget https://example.com/data/train.tar.gz && tar xzf train.tar.gz

ADD ./checkpoints /root/checkpoints
ADD model.safetensors /root/model.safetensors
COPY . /root

WORKDIR /root
EXPOSE 8888
CMD jupyter notebook --ip=0.0.0.0 --allow-root
CMD ["python3", "app.py"]
