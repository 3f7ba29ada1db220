import { ruleCases } from '../helpers';

ruleCases('DL3062', {
  catches: [
    { text: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest', name: '@latest is no version' },
    { text: 'FROM golang:1.23\nRUN go get example.com/mod', name: 'go get' },
    { text: 'FROM golang:1.23\nRUN go get -tool example.com/cmd/tool', name: 'go get -tool' },
    { text: 'FROM golang:1.23\nRUN go run example.com/cmd/gen@latest -out x', name: 'go run @latest' },
    { text: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls', name: 'unpinned' },
    { text: 'FROM golang:1.23\nRUN go install -ldflags "-s -w" github.com/a/b/cmd/x', name: 'flag value skipped' },
    { text: 'FROM golang:1.23\nRUN go install a.io/x@v1.0.0 b.io/y', count: 1, name: 'one of two' },
    { text: 'FROM golang:1.23\nONBUILD RUN go install github.com/a/tool', name: 'in ONBUILD' },
    { text: 'FROM golang:1.23\nRUN CGO_ENABLED=0 go install \\\n    github.com/a/tool', lines: [3], name: 'assignment prefix, continuation' },
  ],
  passes: [
    { text: 'FROM golang:1.23\nRUN go run ./cmd/gen --out x y', name: 'go run of a local package, its arguments are not packages' },
    { text: 'FROM golang:1.23\nRUN go run main.go', name: 'go run of a file' },
    { text: 'FROM golang:1.23\nRUN go run example.com/cmd/gen@v1.2.0 input.txt', name: 'go run pinned, then arguments' },
    { text: 'FROM golang:1.23\nRUN go get -tool example.com/cmd/tool@v0.3.1', name: 'go get -tool pinned' },
    'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2',
    { text: 'FROM golang:1.23\nRUN go install ./...', name: 'local packages' },
    { text: 'FROM golang:1.23\nRUN go install', name: 'current module' },
    { text: 'FROM golang:1.23\nRUN go build -o /out/app ./cmd/app', name: 'go build' },
    { text: 'FROM golang:1.23\nRUN go install -tags netgo github.com/a/tool@v1.2.3', name: 'tags value skipped' },
  ],
});
