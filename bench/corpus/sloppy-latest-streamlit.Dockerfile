FROM python:latest
RUN apt-get update && apt-get install -y build-essential
RUN pip install streamlit pandas scikit-learn xgboost
ADD app.py /app/app.py
ADD https://example.com/models/xgb_model.json /app/model.json
COPY data /app/data
WORKDIR /app
EXPOSE 8501
ENTRYPOINT streamlit run app.py
