import { ruleCases } from '../helpers';

ruleCases('DL3042', {
  catches: [
    { text: 'FROM python:3.12\nRUN pip install flask==3.0.3', fixed: 'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3' },
    { text: 'FROM python:3.12\nRUN python3 -m pip install -r requirements.txt', fixed: 'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir -r requirements.txt', name: 'python -m pip' },
    { text: 'FROM python:3.12\nRUN pip install -U pip \\\n && pip install \\\n    numpy==2.1.3', count: 1, lines: [2], name: 'continuation, two installs: once per instruction' },
    { text: 'FROM python:3.12\nONBUILD RUN pip3 install -r requirements.txt', name: 'in ONBUILD' },
    { text: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask==3.0.3', name: 'variable set to false' },
    { text: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=maybe\nRUN pip install flask==3.0.3', name: 'variable set to a value that is not truthy' },
    { text: 'FROM python:3.12\nRUN python3 -m pip install flask==3.0.3', name: 'python3 -m pip' },
    { text: 'FROM python:3.12\nRUN conda run -n app pip install flask==3.0.3', name: 'through conda run' },
    { text: 'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install flask==3.0.3', name: 'variable set in an unrelated stage' },
    { text: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.npm pip install flask==3.0.3', name: 'cache mount elsewhere' },
    { text: 'FROM python:3.12\nRUN sudo pip install flask==3.0.3', name: 'behind sudo' },
    { text: 'FROM python:3.12\nRUN pip install flask==3.0.3\nENV PIP_NO_CACHE_DIR=1', name: 'variable set after the RUN' },
  ],
  passes: [
    'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3',
    { text: 'FROM python:3.12\nRUN pip --no-cache-dir install flask==3.0.3', name: 'global option before install' },
    { text: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3', name: 'ENV in the stage' },
    { text: 'FROM python:3.12\nARG PIP_NO_CACHE_DIR=true\nRUN pip install flask==3.0.3', name: 'ARG default in the stage' },
    { text: 'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask==3.0.3', name: 'inherited from the parent stage' },
    { text: 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3', name: 'on the command' },
    { text: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=on\nRUN pip install flask==3.0.3', name: 'on is truthy' },
    { text: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=YES\nRUN pip install flask==3.0.3', name: 'YES is truthy' },
    { text: 'FROM python:3.12\nARG NO_CACHE=1\nENV PIP_NO_CACHE_DIR=$NO_CACHE\nRUN pip install flask==3.0.3', name: 'a variable value is not judged' },
    { text: 'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask==3.0.3', name: 'exported earlier in the RUN' },
    { text: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3', name: 'cache mount' },
    { text: 'FROM python:3.12\nRUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install flask==3.0.3', name: 'cache mount for another user' },
    { text: 'FROM python:3.12\nRUN uv pip install --system flask==3.0.3', name: 'uv has its own cache (ML010)' },
    { text: 'FROM python:3.12\nRUN pip freeze > requirements.lock', name: 'not an install' },
  ],
});
