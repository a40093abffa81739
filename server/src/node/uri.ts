// VS Code's own URI implementation, so file URIs match the editor's byte for byte.
export { URI } from 'vscode-uri';
