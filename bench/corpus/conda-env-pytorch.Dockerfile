FROM continuumio/miniconda3:24.5.0-0

SHELL ["/bin/bash", "--login", "-o", "pipefail", "-c"]

WORKDIR /opt/project
COPY environment.yml .
RUN conda env create -f environment.yml && conda clean -afy

RUN echo "conda activate ml" >> ~/.bashrc
ENV PATH=/opt/conda/envs/ml/bin:$PATH

COPY . .
RUN conda run -n ml python -m pip install --no-cache-dir --no-deps -e .

ENTRYPOINT ["conda", "run", "--no-capture-output", "-n", "ml", "python", "-m", "project.cli"]
