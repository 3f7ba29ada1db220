# escape=`
# Windows container for the ONNX scoring service
FROM mcr.microsoft.com/windows/servercore:ltsc2022

SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]

ENV PYTHON_VERSION=3.11.9 `
    APP_HOME=C:\app

RUN Invoke-WebRequest -Uri "https://www.python.org/ftp/python/$env:PYTHON_VERSION/python-$env:PYTHON_VERSION-amd64.exe" -OutFile python.exe ; `
    Start-Process python.exe -ArgumentList '/quiet InstallAllUsers=1 PrependPath=1' -Wait ; `
    Remove-Item python.exe -Force

RUN python -m pip install --no-cache-dir onnxruntime==1.18.1 flask==3.0.3 waitress==3.0.0

WORKDIR C:\app
COPY app/ C:\app\
EXPOSE 8080
CMD ["python", "C:\\app\\score.py"]
