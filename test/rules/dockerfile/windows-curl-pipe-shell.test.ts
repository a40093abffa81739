import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

// Windows images: PowerShell that runs downloaded text as code. The range is the evaluator
// (`iex` / `Invoke-Expression`), as the interpreter word is for POSIX shells.
const RULE = 'dockerfile/curl-pipe-shell';
const PS = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]\n';

describe(`${RULE}: PowerShell`, () => {
  it('reports iex of DownloadString, a pipe into iex and Invoke-Expression of a web request', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      PS +
        "RUN Set-ExecutionPolicy Bypass -Scope Process -Force; ⟦iex⟧ ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1'))\n" +
        'RUN iwr -useb https://get.scoop.sh | ⟦iex⟧\n' +
        'RUN ⟦Invoke-Expression⟧ (Invoke-WebRequest -UseBasicParsing https://x.example/i.ps1).Content\n' +
        "RUN (New-Object Net.WebClient).DownloadString('https://x.example/i.ps1') | ⟦IEX⟧\n" +
        'RUN irm https://x.example/i.ps1 | Out-String | ⟦Invoke-Expression⟧\n',
    );
  });
  it('reports powershell -Command in cmd and in RUNs of images without SHELL, with exact ranges', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n' +
        "RUN powershell -NoProfile -ExecutionPolicy Bypass -Command \"⟦iex⟧ ((New-Object System.Net.WebClient).DownloadString('https://chocolatey.org/install.ps1'))\"\n" +
        'SHELL ["cmd", "/S", "/C"]\n' +
        'RUN @powershell -NoProfile -Command "iwr https://x.example/i.ps1 -UseBasicParsing | ⟦iex⟧" && echo done\n',
    );
  });
  it('reports across escaped line continuations', () => {
    expectFindings(RULE, 'Dockerfile', '# escape=`\n' + PS + 'RUN $url = \'https://x.example/i.ps1\'; `\n    ⟦iex⟧ ((New-Object Net.WebClient).DownloadString($url))\n');
  });
  it('stays silent for downloads to a file, verified scripts and iex of local text', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      PS +
        "RUN (New-Object Net.WebClient).DownloadFile('https://x.example/i.ps1', 'i.ps1'); if ((Get-FileHash i.ps1).Hash -ne $env:SHA) { exit 1 }; & ./i.ps1\n" +
        'RUN Invoke-WebRequest -Uri https://x.example/tool.zip -OutFile tool.zip; Expand-Archive tool.zip\n' +
        'RUN iex (Get-Content ./setup.ps1 -Raw)\n' +
        'RUN $v = (Invoke-RestMethod https://api.example/v1).version; Write-Host $v\n' +
        "RUN Write-Host 'iwr https://x | iex'\n" +
        'RUN # iwr https://x.example | iex\n',
    );
    expectFindings(RULE, 'Dockerfile', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["cmd", "/S", "/C"]\nRUN curl -fsSLo i.ps1 https://x.example/i.ps1 && powershell -File i.ps1\n');
  });
});
