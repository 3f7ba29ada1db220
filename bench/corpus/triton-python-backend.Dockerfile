FROM nvcr.io/nvidia/tritonserver:24.07-py3

RUN pip install --no-cache-dir \
      torch==2.4.0 --index-url https://download.pytorch.org/whl/cu124 && \
    pip install --no-cache-dir transformers==4.44.2 numpy==1.26.4

COPY model_repository/ /models/

EXPOSE 8000 8001 8002
HEALTHCHECK --interval=15s --timeout=3s \
  CMD curl -sf localhost:8000/v2/health/ready || exit 1
CMD ["tritonserver", "--model-repository=/models", "--strict-model-config=false", "--log-verbose=0"]
