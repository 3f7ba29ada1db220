FROM quay.io/jupyter/scipy-notebook:2024-07-29

USER root
RUN apt-get update --yes && \
    apt-get install --yes --no-install-recommends \
      build-essential \
      libpq-dev \
      graphviz && \
    apt-get clean && rm -rf /var/lib/apt/lists/*

USER ${NB_UID}

COPY --chown=${NB_UID}:${NB_GID} environment.yml /tmp/environment.yml
RUN mamba env update --name base --file /tmp/environment.yml && \
    mamba clean --all -f -y && \
    fix-permissions "${CONDA_DIR}" && \
    fix-permissions "/home/${NB_USER}"

RUN pip install --no-cache-dir jupyterlab-git==0.50.1 jupyter-resource-usage==1.1.0

WORKDIR "${HOME}/work"
