FROM mambaorg/micromamba:1.5.8-jammy

COPY --chown=$MAMBA_USER:$MAMBA_USER env.yaml /tmp/env.yaml
RUN micromamba install -y -n base -f /tmp/env.yaml && \
    micromamba clean --all --yes

ARG MAMBA_DOCKERFILE_ACTIVATE=1
RUN python -c "import rasterio, geopandas, torch; print(torch.__version__)"

WORKDIR /home/mambauser/app
COPY --chown=$MAMBA_USER:$MAMBA_USER src/ src/
ENTRYPOINT ["/usr/local/bin/_entrypoint.sh", "python", "-m", "src.predict"]
