import * as assert from 'node:assert/strict';
import { findings, ruleCases } from '../helpers';

ruleCases('DL3025', {
  catches: [
    { text: 'FROM python:3.12\nCMD python app.py --port 8000', fixed: 'FROM python:3.12\nCMD ["python", "app.py", "--port", "8000"]' },
    { text: 'FROM python:3.12\nENTRYPOINT uvicorn app:app --host=0.0.0.0', fixed: 'FROM python:3.12\nENTRYPOINT ["uvicorn", "app:app", "--host=0.0.0.0"]' },
    { text: 'FROM python:3.12\nCMD python \\\n    app.py \\\n    --workers 4\nEXPOSE 80', fixed: 'FROM python:3.12\nCMD ["python", "app.py", "--workers", "4"]\nEXPOSE 80', name: 'continuation lines' },
    { text: 'FROM python:3.12\nCMD echo "hello world"', fixed: 'FROM python:3.12\nCMD ["echo", "hello world"]', name: 'quotes that need no shell' },
    { text: 'FROM python:3.12\nCMD exec gunicorn app:app', fixed: 'FROM python:3.12\nCMD ["gunicorn", "app:app"]', name: 'exec dropped' },
    { text: 'FROM python:3.12\nCMD python app.py --port $PORT', name: 'variable: no fix' },
    { text: 'FROM python:3.12\nCMD python a.py && python b.py', name: 'operator: no fix' },
    { text: 'FROM python:3.12\nCMD ls *.py', name: 'glob: no fix' },
    { text: 'FROM python:3.12\nENTRYPOINT python app.py\nCMD ["--help"]', count: 1, name: 'ENTRYPOINT with CMD: no fix' },
    { text: 'FROM python:3.12\nCMD --port 80', name: 'options only (read as flags by the parser): no fix' },
    { text: "FROM python:3.12\nCMD ['python', 'app.py']", name: 'single quotes are not JSON' },
  ],
  passes: [
    'FROM python:3.12\nCMD ["python", "app.py"]',
    'FROM python:3.12\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["serve"]',
    'FROM python:3.12\nCMD []',
    'FROM python:3.12\nRUN python setup.py',
    'FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost/',
    'FROM python:3.12\nONBUILD CMD python app.py',
  ],
});

describe('rule DL3025 quick fix safety', () => {
  const cases = [
    'FROM python:3.12\nCMD python app.py --port $PORT',
    'FROM python:3.12\nCMD python a.py && python b.py',
    'FROM python:3.12\nCMD ls *.py',
    'FROM python:3.12\nENTRYPOINT python app.py\nCMD ["--help"]',
    'FROM python:3.12\nCMD --port 80',
    'FROM python:3.12\nCMD exec -a x y',
    'FROM python:3.12\nCMD cd /app; python app.py',
    'FROM python:3.12\nCMD FOO=1 python app.py',
    'FROM python:3.12\nCMD python app.py > /tmp/log',
    'FROM python:3.12\nCMD echo "$HOME"',
    'FROM python:3.12\nCMD python \\\n# a comment\n  app.py',
  ];
  for (const text of cases) {
    it(`offers no fix for ${JSON.stringify(text.split('\n').slice(1).join(' '))}`, () => {
      const got = findings('DL3025', text);
      assert.ok(got.length > 0, 'expected the finding');
      assert.equal(got[0].fixes, undefined);
    });
  }
});
