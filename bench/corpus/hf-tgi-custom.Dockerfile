# Text Generation Inference with our own model preloaded from the hub at build time
FROM ghcr.io/huggingface/text-generation-inference:2.2.0

ARG MODEL_ID=mistralai/Mistral-7B-Instruct-v0.3
ENV MODEL_ID=${MODEL_ID} \
    HUGGINGFACE_HUB_CACHE=/data \
    PORT=80 \
    MAX_INPUT_LENGTH=4096 \
    MAX_TOTAL_TOKENS=8192

RUN --mount=type=secret,id=hf_token \
    HF_TOKEN=$(cat /run/secrets/hf_token) \
    text-generation-server download-weights ${MODEL_ID}

EXPOSE 80
ENTRYPOINT ["text-generation-launcher"]
CMD ["--json-output"]
