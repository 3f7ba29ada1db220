FROM ollama/ollama:0.3.6
ENV OLLAMA_HOST=0.0.0.0:11434
RUN ollama serve & sleep 5 && ollama pull llama3.1:8b && pkill ollama
EXPOSE 11434
ENTRYPOINT ["/bin/ollama"]
CMD ["serve"]
