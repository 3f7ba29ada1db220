FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime
RUN apt-get update && apt-get install -y --no-install-recommends git libgl1 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir diffusers==0.30.0 transformers==4.44.2 accelerate==0.33.0 \
    gradio==4.42.0 xformers==0.0.27 safetensors==0.4.4
RUN huggingface-cli download stabilityai/stable-diffusion-xl-base-1.0 --local-dir /models/sdxl \
    --include "*.safetensors" "*.json" "*.txt"
WORKDIR /app
COPY app.py .
ENV GRADIO_SERVER_NAME=0.0.0.0
EXPOSE 7860
CMD ["python", "app.py"]
