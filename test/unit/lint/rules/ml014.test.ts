import { ruleCases } from '../helpers';

ruleCases('ML014', {
  catches: [
    { text: 'FROM vllm/vllm-openai:v0.6.3\nCMD ["--model", "/models/llm"]', lines: [1], name: 'vLLM base' },
    { text: 'FROM ghcr.io/huggingface/text-generation-inference:2.4.0\nENV MODEL_ID=org/model', name: 'TGI base' },
    { text: 'FROM nvcr.io/nvidia/tritonserver:24.08-py3\nCMD ["tritonserver", "--model-repository=/models"]', lines: [2], name: 'Triton' },
    { text: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]', lines: [3], name: 'uvicorn with EXPOSE' },
    { text: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nENTRYPOINT python3 -m vllm.entrypoints.openai.api_server --port 8000', name: 'vllm command' },
    { text: 'FROM python:3.12-slim AS base\nHEALTHCHECK CMD true\nFROM python:3.12-slim\nEXPOSE 80\nCMD gunicorn -k uvicorn.workers.UvicornWorker app:app', name: 'healthcheck in another stage only' },
    { text: 'FROM python:3.12-slim\nEXPOSE 8000\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["vllm", "serve", "/models/llm"]', lines: [4], name: 'ENTRYPOINT and CMD joined' },
    { text: 'FROM pytorch/torchserve:0.12.0-gpu\nCOPY model_store /home/model-server/model-store', lines: [1], name: 'TorchServe default CMD kept' },
    { text: 'FROM nvcr.io/nvidia/tritonserver:24.08-py3 AS srv\nFROM srv\nENTRYPOINT ["tritonserver", "--model-repository=/models"]', lines: [3], name: 'start command in the final stage' },
  ],
  passes: [
    'FROM vllm/vllm-openai:v0.6.3\nHEALTHCHECK --interval=30s --start-period=600s CMD curl -fsS http://localhost:8000/health || exit 1\nCMD ["--model", "/m"]',
    { text: 'FROM vllm/vllm-openai:v0.6.3\nHEALTHCHECK NONE', name: 'deliberate NONE' },
    { text: 'FROM python:3.12-slim\nCMD ["uvicorn", "app:app"]', name: 'uvicorn without EXPOSE' },
    { text: 'FROM python:3.12-slim\nEXPOSE 8888\nCMD ["jupyter", "lab", "--ip=0.0.0.0"]', name: 'jupyter' },
    { text: 'FROM vllm/vllm-openai:v0.6.3 AS build\nRUN true\nFROM python:3.12-slim\nCMD ["python", "train.py"]', name: 'server only in an earlier stage' },
    { text: 'FROM vllm/vllm-openai:v0.6.3\nENTRYPOINT ["python3", "benchmarks/run.py"]', name: 'server base whose entrypoint is replaced' },
    { text: 'FROM nvcr.io/nvidia/tritonserver:24.08-py3-sdk\nCMD ["perf_analyzer", "-m", "resnet"]', name: 'Triton SDK (client) image' },
    { text: 'FROM nvcr.io/nvidia/tritonserver:24.08-py3\nRUN pip install --no-cache-dir tritonclient==2.49.0', name: 'Triton base that starts nothing' },
    { text: 'FROM pytorch/torchserve:0.12.0-gpu\nCMD ["python", "export.py"]', name: 'TorchServe base whose CMD is replaced' },
    { text: 'FROM python:3.12-slim AS base\nCMD ["vllm", "serve", "/m"]\nFROM base\nENTRYPOINT ["python", "eval.py"]', name: 'a later ENTRYPOINT resets the inherited CMD' },
    { text: 'FROM pytorch/torchserve:0.12.0-gpu AS srv\nHEALTHCHECK CMD curl -f http://localhost:8080/ping\nFROM srv\nCMD ["torchserve", "--start"]', name: 'inherited healthcheck' },
    // names of Object.prototype are not server images
    { text: 'FROM constructor\nCMD ["python", "app.py"]', name: 'FROM constructor' },
    { text: 'FROM __proto__:1\nCMD ["python", "app.py"]', name: 'FROM __proto__' },
    { text: 'FROM registry.example.com/constructor\nCMD ["python", "app.py"]', name: 'registry/constructor' },
  ],
});
