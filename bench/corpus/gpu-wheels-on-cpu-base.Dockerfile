FROM python:3.11-slim-bookworm
WORKDIR /app
RUN pip install --no-cache-dir torch==2.4.0 torchvision==0.19.0 lightning==2.4.0
ENV NVIDIA_VISIBLE_DEVICES=all
COPY . .
USER nobody
CMD ["python", "predict.py"]
