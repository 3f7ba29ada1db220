FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/*
RUN pip3 install --no-cache-dir onnxruntime-gpu==1.18.1 numpy==1.26.4 fastapi==0.112.2 uvicorn==0.30.6 pillow==10.4.0
WORKDIR /srv
COPY models/detector.onnx /srv/models/detector.onnx
COPY serve.py .
EXPOSE 8080
USER nobody
CMD ["uvicorn", "serve:app", "--host=0.0.0.0", "--port=8080"]
