FROM rocker/r-ver:4.4.1

ENV RETICULATE_PYTHON=/opt/venv/bin/python \
    WORKON_HOME=/opt/venv

RUN apt-get update && apt-get install -y --no-install-recommends \
        python3-venv python3-dev libcurl4-openssl-dev libssl-dev libxml2-dev \
    && rm -rf /var/lib/apt/lists/*

RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir tensorflow-cpu==2.16.1 keras==3.4.1 numpy==1.26.4

RUN install2.r --error --skipinstalled --ncpus -1 \
        reticulate \
        keras3 \
        tidymodels \
        plumber \
    && rm -rf /tmp/downloaded_packages

COPY api/ /srv/api/
WORKDIR /srv/api
EXPOSE 8000
CMD ["R", "-e", "pr <- plumber::plumb('plumber.R'); pr$run(host='0.0.0.0', port=8000)"]
