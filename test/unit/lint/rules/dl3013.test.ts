import { ruleCases } from '../helpers';

ruleCases('DL3013', {
  catches: [
    { text: 'FROM python:3.12\nRUN pip install flask', name: 'bare name' },
    { text: 'FROM python:3.12\nRUN pip3 install --no-cache-dir flask==3.0.3 requests', count: 1, name: 'one of two unpinned' },
    { text: 'FROM python:3.12\nRUN python3 -m pip install --upgrade pip', name: 'python -m pip' },
    { text: 'FROM python:3.12\nRUN pip install -r requirements.txt gunicorn', name: 'requirements file plus an extra package' },
    { text: 'FROM python:3.12\nRUN pip install git+https://github.com/org/repo.git', name: 'VCS URL without a ref' },
    { text: 'FROM python:3.12\nRUN pip install "git+ssh://git@github.com/org/repo.git"', name: 'user@host is not a ref' },
    { text: 'FROM python:3.12\nRUN pip install -e git+https://github.com/org/repo#egg=repo', name: 'editable VCS without a ref' },
    { text: 'FROM python:3.12\nRUN pip install \\\n  --index-url https://pypi.example.com/simple \\\n  "uvicorn[standard]"', lines: [4], name: 'extras without version, index URL skipped' },
    { text: 'FROM python:3.12\nONBUILD RUN pip install numpy', name: 'in ONBUILD' },
    { text: 'FROM python:3.12\nRUN uv pip install --system httpx', name: 'uv pip' },
  ],
  passes: [
    'FROM python:3.12\nRUN pip install flask==3.0.3',
    { text: 'FROM python:3.12\nRUN pip install "uvicorn[standard]==0.30.6" "numpy>=1.26,<2" "attrs~=23.2"', name: 'extras and specifiers' },
    { text: 'FROM python:3.12\nRUN pip install -r requirements.txt', name: 'requirements file' },
    { text: 'FROM python:3.12\nRUN pip install --requirement=requirements.txt', name: '--requirement=' },
    { text: 'FROM python:3.12\nRUN pip install -c constraints.txt torch torchvision', name: 'constraints file' },
    { text: 'FROM python:3.12\nRUN pip install -e .', name: 'editable project' },
    { text: 'FROM python:3.12\nRUN pip install .', name: 'project' },
    { text: 'FROM python:3.12\nRUN pip install git+https://github.com/org/repo.git@v1.2.0', name: 'VCS with ref' },
    { text: 'FROM python:3.12\nRUN pip install "mylib @ git+https://github.com/org/mylib@3f2a1b9"', name: 'PEP 508 direct reference with ref' },
    { text: 'FROM python:3.12\nRUN pip install /wheels/*.whl https://example.com/pkg-1.0.tar.gz', name: 'files and archive URLs' },
    { text: 'FROM python:3.12\nRUN pip install -i https://pypi.example.com/simple -f /wheels "torch==${TORCH_VERSION}"', name: 'values of -i and -f, variable version' },
    { text: 'FROM python:3.12\nRUN pip download flask', name: 'not an install' },
    { text: 'FROM python:3.12\nRUN python3 -c "import pip" && python -m venv /venv', name: 'python, not pip' },
  ],
});
