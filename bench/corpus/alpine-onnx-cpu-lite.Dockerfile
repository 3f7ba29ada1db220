FROM python:3.12-alpine3.20
RUN apk add --no-cache libstdc++ libgomp
RUN apk add --update build-base linux-headers
RUN pip install --no-cache-dir onnxruntime==1.19.0 numpy==2.1.0 starlette==0.38.4 uvicorn==0.30.6
WORKDIR /app
COPY api.py tokenizer.json ./
COPY model.int8.onnx /app/model.int8.onnx
RUN adduser -D -u 10002 app
USER app
CMD ["uvicorn", "api:app", "--host", "0.0.0.0"]
