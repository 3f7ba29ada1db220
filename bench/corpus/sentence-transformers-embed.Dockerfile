FROM python:3.11-slim

ENV SENTENCE_TRANSFORMERS_HOME=/models
RUN pip install --no-cache-dir torch==2.3.1 --index-url https://download.pytorch.org/whl/cpu \
 && pip install --no-cache-dir sentence-transformers==3.0.1 fastapi==0.112.2 uvicorn==0.30.6

# bake the embedding model so the pod starts without network
RUN python -c "from sentence_transformers import SentenceTransformer; SentenceTransformer('sentence-transformers/all-MiniLM-L6-v2')"

COPY embed_api.py /srv/embed_api.py
WORKDIR /srv
EXPOSE 8000
CMD ["uvicorn", "embed_api:app", "--host", "0.0.0.0", "--port", "8000"]
