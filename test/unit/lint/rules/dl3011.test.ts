import { ruleCases } from '../helpers';

ruleCases('DL3011', {
  catches: [
    { text: 'FROM nginx:1.27\nEXPOSE 80800', lines: [2] },
    { text: 'FROM nginx:1.27\nEXPOSE 80 65536/tcp', count: 1, name: 'one bad of two, with protocol' },
    { text: 'FROM nginx:1.27\nEXPOSE 8000-70000', name: 'range end too big' },
    { text: 'FROM nginx:1.27\nEXPOSE 9000-8000/udp', name: 'backwards range' },
    { text: 'FROM nginx:1.27\nEXPOSE 80 \\\n  99999', lines: [3], name: 'continued line' },
    { text: 'FROM nginx:1.27\nEXPOSE http', name: 'not a number' },
  ],
  passes: [
    'FROM nginx:1.27\nEXPOSE 80',
    'FROM nginx:1.27\nEXPOSE 0 65535',
    'FROM nginx:1.27\nEXPOSE 8000-8010/tcp 53/udp',
    'FROM nginx:1.27\nEXPOSE $PORT',
    'FROM nginx:1.27\nEXPOSE ${PORT}/tcp',
    'FROM nginx:1.27\nEXPOSE "8080"',
  ],
});
