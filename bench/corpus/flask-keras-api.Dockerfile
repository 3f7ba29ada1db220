FROM python:3.10

MAINTAINER Data Team <data@example.com>

RUN apt-get update
RUN apt-get install -y libhdf5-dev

WORKDIR app
ADD . /app

RUN pip install -r requirements.txt
RUN pip install flask gunicorn tensorflow

EXPOSE 5000
CMD python app.py
