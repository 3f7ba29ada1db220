import { ruleCases } from '../helpers';

ruleCases('ML019', {
  catches: [
    { text: 'FROM python:3.9-slim', fixed: 'FROM python:3.11-slim', name: 'what the tutorials start with' },
    { text: 'FROM python:3.8.18-slim-bullseye AS build\nFROM python:3.12-slim', lines: [1], fixed: 'FROM python:3.11-slim AS build\nFROM python:3.12-slim', name: 'an old distro pin is dropped' },
    { text: 'FROM python:3.10', fixed: 'FROM python:3.11', name: '3.10 ended in October 2026' },
    { text: 'FROM docker.io/library/python:3.10-alpine3.18', fixed: 'FROM docker.io/library/python:3.11-alpine', name: 'fully qualified' },
    { text: 'ARG PY=3.9\nFROM python:${PY}-slim', lines: [2], name: 'through an ARG default (no fix: the ARG is what to change)' },
    { text: 'ARG PY=python:3.9-slim\nFROM ${PY} AS a\nFROM ${PY} AS b\nFROM ${PY}', lines: [2], name: 'one ARG used by three stages: one finding' },
    { text: 'FROM python:3.9-slim AS base\nFROM base', count: 1, name: 'a stage built on a stage is reported once, at its root' },
  ],
  passes: [
    'FROM python:3.11-slim',
    'FROM python:3.12-slim-bookworm',
    { text: 'FROM python:3-slim', name: 'a major-only tag follows the newest release' },
    { text: 'FROM python:slim', name: 'no version' },
    { text: 'FROM python:3.9-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', name: 'digest pinned' },
    { text: 'ARG PY\nFROM python:${PY}-slim', name: 'unresolved' },
    { text: 'FROM cgr.dev/chainguard/python:3.9', name: 'another repository' },
  ],
});
