FROM tensorflow/serving:2.15.1-gpu

ENV MODEL_NAME=sentiment \
    MODEL_BASE_PATH=/models

# The SavedModel is exported by the training pipeline into ./export/<version>/
COPY export/ /models/sentiment/

EXPOSE 8500 8501
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD curl -fsS http://localhost:8501/v1/models/sentiment || exit 1
