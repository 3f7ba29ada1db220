FROM vllm/vllm-openai:v0.5.4

# extra deps for the tool-calling parser
RUN pip install --no-cache-dir jsonschema==4.23.0 partial-json-parser==0.2.1.1.post4

ENV VLLM_WORKER_MULTIPROC_METHOD=spawn \
    HF_HOME=/root/.cache/huggingface \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

EXPOSE 8000
ENTRYPOINT ["python3", "-m", "vllm.entrypoints.openai.api_server"]
CMD ["--model", "meta-llama/Meta-Llama-3.1-8B-Instruct", "--max-model-len", "8192", "--gpu-memory-utilization", "0.92"]
