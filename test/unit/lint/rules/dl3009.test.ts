import { ruleCases } from '../helpers';

ruleCases('DL3009', {
  catches: [
    {
      text: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      fixed: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    },
    {
      text: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n    curl',
      fixed: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n    curl && rm -rf /var/lib/apt/lists/*',
      name: 'continuation lines: appended after the last word',
    },
    {
      text: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl > /dev/null;',
      fixed: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl > /dev/null && rm -rf /var/lib/apt/lists/*;',
      name: 'redirection and trailing semicolon',
    },
    { text: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nRUN echo hi', lines: [2], name: 'stage used as a base by a later FROM' },
    { text: 'FROM debian:12 AS build\nRUN echo hi\nFROM debian:12\nRUN apt-get update && apt-get install -y git', lines: [4], name: 'last stage' },
    { text: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y git', name: 'in ONBUILD' },
    { text: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y git', name: 'cache mount on the wrong directory' },
    { text: 'FROM debian:12\nRUN apt-get update && apt-get install -y git && rm -rf /tmp/*', name: 'rm of something else' },
    { text: 'FROM debian:12\nRUN apt-get update && apt-get install -y git && apt-get clean', name: 'apt-get clean keeps the lists' },
  ],
  passes: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    { text: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists*', name: 'lists* glob' },
    { text: 'FROM debian:12\nRUN apt-get update && conda run -n base apt-get install -y curl; rm -rf /var/lib/apt/lists/*', name: 'through conda run' },
    { text: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl \\\n && rm -fr /var/lib/apt/lists', name: 'rm -fr of the directory' },
    { text: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y git', name: 'cache mount' },
    { text: 'FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y git', name: 'tmpfs over /var/lib/apt' },
    { text: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /out /out', name: 'builder stage not shipped' },
    { text: 'FROM debian:12\nRUN apt-get install -y ./local.deb', name: 'no apt-get update' },
    { text: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]', name: 'exec form without update' },
    { text: 'FROM debian:12\nRUN echo "apt-get update"', name: 'quoted' },
  ],
});
