FROM python:3.10-slim
ARG MLFLOW_VERSION=2.15.1
RUN pip install --no-cache-dir mlflow==${MLFLOW_VERSION} boto3==1.35.0 pandas==2.2.2 scikit-learn==1.5.1
ENV MLFLOW_TRACKING_URI=http://mlflow.internal:5000 \
    AWS_DEFAULT_REGION=eu-west-1
COPY mlruns/0/8f2c1d/artifacts/model /opt/ml/model
WORKDIR /opt/ml
EXPOSE 8080
CMD ["mlflow", "models", "serve", "-m", "/opt/ml/model", "-h", "0.0.0.0", "-p", "8080", "--env-manager", "local"]
