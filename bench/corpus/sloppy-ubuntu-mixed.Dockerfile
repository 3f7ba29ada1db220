from ubuntu
run apt-get update && apt-get install python3 python3-pip curl wget -y
run curl -sSL https://bootstrap.pypa.io/get-pip.py | python3
run pip3 install tensorflow==2.* keras numpy pandas matplotlib
workdir /home/app
copy model.h5 app.py requirements.txt /home/app
run chmod +x app.py
expose 5000
entrypoint ["python3", 'app.py']
