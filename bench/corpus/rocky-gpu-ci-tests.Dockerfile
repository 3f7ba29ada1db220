FROM nvidia/cuda:12.2.2-devel-rockylinux9
RUN dnf install -y python3.11 python3.11-pip git && dnf clean all
RUN yum install -y gcc-c++ make
WORKDIR /ci
COPY requirements-test.txt .
RUN python3.11 -m pip install --no-cache-dir -r requirements-test.txt
COPY . .
RUN python3.11 -m pip install --no-cache-dir -e ".[test]"
CMD ["python3.11", "-m", "pytest", "-x", "-m", "gpu", "tests/"]
