// Choices that are not ML facts: defaults when a project names nothing, and the releases of the
// helper tools the Dockerfiles install (uv, micromamba, Poetry, Pipenv, JupyterLab, renv). All
// pinned so a Dockerfile builds the same stack next month; bump them here.

/** Python used when nothing in the project names one (a supported branch on the Python table's date). */
export const DEFAULT_PYTHON = '3.12';
/** R used when renv.lock / DESCRIPTION name none (a rocker/r-ver tag). */
export const DEFAULT_R = '4.4.2';
/** The uv release whose image the Dockerfiles copy uv from. */
export const UV_IMAGE = 'ghcr.io/astral-sh/uv:0.8.0';
export const MICROMAMBA_IMAGE = 'mambaorg/micromamba:2.0.5';
export const TOOL_PINS = { poetry: '2.1.3', pipenv: '2024.4.1', jupyterlab: '4.2.5', renv: '1.0.11' } as const;
