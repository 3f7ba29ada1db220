import { ruleCases } from '../helpers';

const CU = 'FROM nvidia/cuda:12.6.3-runtime-ubuntu24.04\n';

ruleCases('ML012', {
  catches: [
    { text: CU + 'ENV NVIDIA_DRIVER_CAPABILITIES=utility', fixed: CU + 'ENV NVIDIA_DRIVER_CAPABILITIES=utility,compute' },
    { text: CU + 'ENV NVIDIA_DRIVER_CAPABILITIES="video,utility"', fixed: CU + 'ENV NVIDIA_DRIVER_CAPABILITIES="video,utility,compute"', name: 'quoted' },
    { text: CU + 'ENV NVIDIA_DRIVER_CAPABILITIES graphics', name: 'legacy ENV form', fixed: CU + 'ENV NVIDIA_DRIVER_CAPABILITIES graphics,compute' },
    { text: CU + 'ENV NVIDIA_VISIBLE_DEVICES=void', fixed: CU + 'ENV NVIDIA_VISIBLE_DEVICES=all' },
    { text: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 \\\n    NVIDIA_VISIBLE_DEVICES=none', lines: [3], name: 'continued ENV' },
  ],
  passes: [
    CU + 'ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility',
    CU + 'ENV NVIDIA_DRIVER_CAPABILITIES=all NVIDIA_VISIBLE_DEVICES=all',
    CU + 'ENV NVIDIA_VISIBLE_DEVICES=0,1',
    CU + 'ARG CAPS\nENV NVIDIA_DRIVER_CAPABILITIES=$CAPS',
    { text: 'FROM nvidia/cuda:12.6.3-runtime-ubuntu24.04 AS test\nENV NVIDIA_VISIBLE_DEVICES=void\nFROM nvidia/cuda:12.6.3-runtime-ubuntu24.04\nCMD ["x"]', name: 'not the shipped stage' },
    { text: CU + 'RUN NVIDIA_VISIBLE_DEVICES=void ./selftest', name: 'RUN-time value is not baked in' },
  ],
});
