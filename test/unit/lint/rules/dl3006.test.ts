import { ruleCases } from '../helpers';

ruleCases('DL3006', {
  catches: [
    { text: 'FROM python', lines: [1] },
    { text: 'FROM docker.io/library/ubuntu AS base', name: 'with registry and stage name' },
    { text: 'FROM localhost:5000/team/app', name: 'registry port is not a tag' },
    { text: 'ARG BASE=python\nFROM $BASE', name: 'ARG default without tag' },
    { text: 'FROM python:3.12 AS build\nFROM debian\nCOPY --from=build /x /x', count: 1, lines: [2], name: 'second stage' },
    { text: 'FROM --platform=$BUILDPLATFORM golang', name: 'with --platform' },
  ],
  passes: [
    'FROM python:3.12-slim',
    'FROM scratch',
    'FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'FROM python:3.12 AS builder\nFROM builder\nRUN true',
    'FROM python:3.12 AS Builder\nFROM builder',
    'ARG BASE\nFROM $BASE',
    'ARG BASE=python:3.12\nFROM ${BASE}',
    'ARG TAG=3.12\nFROM python:${TAG}',
    'FROM localhost:5000/team/app:1.0',
    { text: 'ARG BASE_IMAGE=notset\nFROM ${BASE_IMAGE}', name: 'placeholder default' },
    { text: 'ARG PY=3.12\nARG BASE="python:${PY}-slim"\nFROM $BASE', name: 'ARG in ARG, quoted' },
    { text: 'FROM "python:3.12"', name: 'quoted image' },
  ],
});
