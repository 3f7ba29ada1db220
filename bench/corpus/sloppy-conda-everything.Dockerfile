FROM continuumio/anaconda3:latest
RUN conda install -y pytorch torchvision cudatoolkit=11.3 -c pytorch
RUN conda install -y -c conda-forge opencv
RUN pip install ultralytics
RUN sudo chmod -R 777 /opt
COPY yolov8n.pt /weights/yolov8n.pt
COPY . .
RUN cd /src && python setup.py install
ENV OPENAI_API_KEY=sk-proj-REPLACE_ME
EXPOSE 80000
CMD ["python", "detect.py"]
CMD ["python", "serve.py"]
