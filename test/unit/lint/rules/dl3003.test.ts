import { ruleCases } from '../helpers';

ruleCases('DL3003', {
  catches: [
    { text: 'FROM python:3.12\nRUN echo $(date) && cd /src', lines: [2], name: 'after a substitution' },
    { text: 'FROM python:3.12\nRUN cd /src && pip install .', lines: [2] },
    { text: 'FROM python:3.12\nRUN git clone https://github.com/a/b \\\n  && cd b \\\n  && make', lines: [3], name: 'continuation' },
    { text: 'FROM python:3.12\nRUN cd /a; make; cd /b; make', count: 1, name: 'two cds: once per instruction' },
    { text: 'FROM python:3.12\nRUN <<EOF\ncd /opt/app\nmake\nEOF', lines: [3], name: 'heredoc' },
    { text: 'FROM python:3.12\nRUN (cd /a && make) && cd /b && make', count: 1, name: 'cd outside the subshell' },
    { text: 'FROM python:3.12\nRUN ["sh", "-c", "cd /src && make"]', name: 'exec form through sh -c' },
    { text: 'FROM python:3.12\n# (comment)\nRUN make # (x\nRUN cd /x', lines: [4], name: 'parenthesis in a comment is not a subshell' },
  ],
  passes: [
    { text: 'FROM python:3.12\nRUN X=$(cd /src && pwd) && echo "$X"', name: 'cd inside $(…) is a subshell' },
    { text: 'FROM python:3.12\nRUN echo $(cd /a; pwd) `cd /b && ls` && make', name: 'substitutions, then a command after them' },
    'FROM python:3.12\nWORKDIR /src\nRUN pip install .',
    'FROM python:3.12\nRUN (cd /tmp/build && make install)',
    'FROM python:3.12\nRUN make -C /src && echo "cd /src"',
    'FROM python:3.12\nRUN pip install --no-cache-dir -e ./cdk',
    'FROM python:3.12\nRUN bash -c "cd /src && make"',
    'FROM python:3.12\nRUN export X=$(cd /src && pwd)',
    { text: 'FROM python:3.12\nONBUILD RUN cd /src && make', name: 'ONBUILD not checked (as hadolint)' },
  ],
});
