FROM nvcr.io/nvidia/pytorch:24.05-py3
ARG DS_BUILD_OPS=1
ENV DS_BUILD_FUSED_ADAM=1 DS_BUILD_CPU_ADAM=1 DS_BUILD_UTILS=1
RUN pip install --no-cache-dir deepspeed==0.14.4 && ds_report
RUN git clone --depth 1 --branch core_r0.8.0 https://github.com/NVIDIA/Megatron-LM.git /opt/Megatron-LM \
    && pip install --no-cache-dir -e /opt/Megatron-LM
RUN pip install --no-cache-dir git+https://github.com/NVIDIA/TransformerEngine.git@v1.8
WORKDIR /opt/Megatron-LM
COPY scripts/ /opt/scripts/
ENTRYPOINT ["bash", "/opt/scripts/launch.sh"]
