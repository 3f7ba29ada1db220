import { ruleCases } from '../helpers';

const PY = 'FROM python:3.12-slim\n';

ruleCases('ML008', {
  catches: [
    PY + 'COPY checkpoints/model.safetensors /app/model.safetensors',
    { text: PY + 'COPY ./weights/ /app/weights/', name: 'weights folder' },
    { text: PY + 'ADD https://huggingface.co/org/model/resolve/main/model.safetensors?download=true /m/', name: 'ADD from the hub with a query' },
    { text: PY + 'COPY ["llama-3-8b.Q4_K_M.gguf", "/models/"]', name: 'exec form gguf' },
    { text: PY + 'RUN huggingface-cli download meta-llama/Llama-3.1-8B --local-dir /models/llama', name: 'huggingface-cli download' },
    { text: PY + 'RUN python -c "from transformers import AutoModel; AutoModel.from_pretrained(\'bert-base-uncased\')"', name: 'from_pretrained at build time' },
    { text: 'FROM ollama/ollama:0.3.14\nRUN ollama serve & sleep 5 && ollama pull llama3.1:8b', name: 'ollama pull' },
    { text: PY + 'RUN git clone https://huggingface.co/BAAI/bge-small-en-v1.5 /models/bge', name: 'git clone from the hub' },
    { text: 'FROM ghcr.io/huggingface/text-generation-inference:2.4.0\nRUN --mount=type=secret,id=hf_token HF_TOKEN=$(cat /run/secrets/hf_token) text-generation-server download-weights org/model', name: 'TGI download-weights' },
    { text: PY + 'RUN wget -q https://example.com/models/resnet50.onnx -O /app/model.onnx', name: 'wget of an onnx file' },
    { text: PY + 'RUN --mount=type=cache,target=/root/.cache/huggingface hf download org/model --local-dir /app/model', name: 'cache mount but saved outside it' },
    { text: 'FROM python:3.12-slim AS base\nCOPY model.pt /m/\nFROM base\nCMD ["python"]', name: 'in a stage the final one is built on', lines: [2] },
  ],
  passes: [
    PY + 'ENV HF_HOME=/models\nVOLUME /models',
    { text: PY + 'COPY model.pt /m/', options: { config: { allowModelWeights: true } }, name: 'opt-out by config' },
    { text: PY + 'RUN --mount=type=cache,target=/root/.cache/huggingface huggingface-cli download org/model', name: 'download into a cache mount' },
    { text: PY + 'COPY models/ /app/models/', name: 'models folder (often code)' },
    { text: 'FROM python:3.12-slim AS fetch\nRUN huggingface-cli download org/model --local-dir /m\nFROM python:3.12-slim\nCOPY --from=fetch /m /m', name: 'dedicated model stage' },
    { text: PY + 'COPY src/train.py /app/', name: 'code' },
    { text: PY + 'RUN git clone https://huggingface.co/spaces/org/demo /app', name: 'a Space is code' },
    { text: PY + 'RUN pip install --no-cache-dir huggingface_hub==0.26.2', name: 'installing the client' },
    { text: PY + 'RUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh', name: 'plain download' },
  ],
});
