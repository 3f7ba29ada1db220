FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime

ENV HF_HOME=/cache/huggingface \
    TRANSFORMERS_OFFLINE=0 \
    TOKENIZERS_PARALLELISM=false

RUN pip install --no-cache-dir \
      transformers==4.44.2 \
      accelerate==0.33.0 \
      sentencepiece==0.2.0 \
      fastapi==0.112.2 \
      "uvicorn[standard]==0.30.6"

WORKDIR /app
COPY server.py /app/server.py
VOLUME ["/cache/huggingface"]
EXPOSE 8080
HEALTHCHECK --interval=20s --start-period=2m CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8080/health')" || exit 1
CMD ["uvicorn", "server:app", "--host", "0.0.0.0", "--port", "8080", "--workers", "1"]
