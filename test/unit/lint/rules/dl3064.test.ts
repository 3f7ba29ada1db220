import { ruleCases } from '../helpers';

ruleCases('DL3064', {
  catches: [
    { text: 'FROM python:3.12\nARG HF_TOKEN', lines: [2] },
    { text: 'FROM python:3.12\nENV WANDB_API_KEY=abc OPENAI_API_KEY=def', count: 1, name: 'two secrets: once per instruction' },
    { text: 'FROM python:3.12\nENV DB_PASSWORD secret-value', name: 'legacy ENV form' },
    { text: 'ARG GITHUB_TOKEN\nFROM python:3.12', name: 'global ARG' },
    { text: 'FROM python:3.12\nONBUILD ARG AWS_SECRET_ACCESS_KEY', name: 'ONBUILD' },
    { text: 'FROM python:3.12\nARG apiKey=x', name: 'camel case' },
    { text: 'FROM python:3.12\nENV GOOGLE_APPLICATION_CREDENTIALS={"type":"service_account"}', name: 'credentials inline' },
    { text: 'FROM python:3.12\nENV A=1 \\\n    MYSQL_ROOT_PASSWORD=x', lines: [3], name: 'continuation' },
    { text: 'FROM python:3.12\nARG AWS_ACCESS_KEY_ID\nARG NGC_API_KEY\nARG CLIENT_SECRET\nARG SSH_PRIVATE_KEY', count: 3, name: 'access key id is a name, the others secrets' },
  ],
  passes: [
    'FROM python:3.12\nENV TOKENIZERS_PARALLELISM=false HF_HUB_ENABLE_HF_TRANSFER=1',
    'FROM python:3.12\nENV MAX_NEW_TOKENS=512 MAX_TOKENS=4096',
    'FROM python:3.12\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pg HF_TOKEN_PATH=/run/secrets/hf',
    'FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
    'FROM python:3.12\nARG PUBLIC_KEY_URL\nENV PUBLIC_TOKEN=1',
    'FROM python:3.12\nENV PWD=/app PASSWORDLESS=1',
    'FROM python:3.12\nENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json\nARG NETRC_SECRET="~/.netrc"',
    'FROM python:3.12\nRUN --mount=type=secret,id=hf_token HF_TOKEN=$(cat /run/secrets/hf_token) python dl.py',
  ],
});
