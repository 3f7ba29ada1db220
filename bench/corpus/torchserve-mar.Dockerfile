FROM pytorch/torchserve:0.11.1-gpu

USER root
RUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*
USER model-server

COPY --chown=model-server:model-server config.properties /home/model-server/config.properties
COPY --chown=model-server:model-server model-store/ /home/model-server/model-store/
COPY --chown=model-server handlers/ /home/model-server/handlers/

EXPOSE 8080 8081 8082 7070 7071
CMD ["torchserve", "--start", "--ts-config", "/home/model-server/config.properties", "--models", "classifier=classifier.mar", "--disable-token-auth", "--foreground"]
