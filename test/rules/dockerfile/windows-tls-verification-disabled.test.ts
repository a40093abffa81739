import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

// Windows images: cmd and PowerShell RUNs are not POSIX shell text, so they are scanned on their
// own. No fix is offered for these forms.
const RULE = 'dockerfile/tls-verification-disabled';
const WIN = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n';

describe(`${RULE}: cmd and PowerShell`, () => {
  it('reports curl -k / --insecure and wget --no-check-certificate in cmd RUNs', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      WIN +
        'SHELL ["cmd", "/S", "/C"]\n' +
        'RUN curl.exe ⟦-k⟧ -fsSLo C:\\tool.zip https://x.example/tool.zip\n' +
        'RUN mkdir C:\\t && curl ⟦--insecure⟧ -o C:\\t\\a.zip "https://x.example/a.zip" & echo ok\n' +
        'RUN curl ⟦-fsSLk⟧ https://x.example/a -o a\n' +
        'RUN wget ⟦--no-check-certificate⟧ https://x.example/b\n',
    );
  });
  it('reports -SkipCertificateCheck, an accept-all callback and curl.exe -k in PowerShell RUNs', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      WIN +
        'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]\n' +
        'RUN Invoke-WebRequest -Uri https://x.example/a.zip -OutFile a.zip ⟦-SkipCertificateCheck⟧\n' +
        'RUN [System.Net.ServicePointManager]::⟦ServerCertificateValidationCallback⟧ = { $true }; Invoke-WebRequest https://x.example/b.zip -OutFile b.zip\n' +
        'RUN [Net.ServicePointManager]::⟦ServerCertificateValidationCallback⟧ = {return $true;}\n' +
        'RUN curl.exe ⟦-k⟧ -o c.zip https://x.example/c.zip; Expand-Archive c.zip\n',
    );
  });
  it('reports in powershell -Command strings of RUNs read as shell text', () => {
    expectFindings(RULE, 'Dockerfile', WIN + 'RUN powershell -Command "Invoke-RestMethod https://x.example/v ⟦-SkipCertificateCheck⟧ | Out-File v.txt"\n');
  });
  it('stays silent for verified downloads and look-alikes', () => {
    expectFindings(
      RULE,
      'Dockerfile',
      WIN +
        'SHELL ["powershell", "-Command"]\n' +
        'RUN Invoke-WebRequest -Uri https://x.example/a.zip -OutFile a.zip -SkipCertificateCheck:$false\n' +
        'RUN [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; iwr https://x.example -OutFile x\n' +
        'RUN [Net.ServicePointManager]::ServerCertificateValidationCallback = $null\n' +
        'RUN curl.exe -fsSLo k.zip https://x.example/k.zip; curl.exe -o -k https://x.example/k\n' +
        'RUN Get-ChildItem -Recurse -Force C:\\k\n' +
        'SHELL ["cmd", "/S", "/C"]\n' +
        'RUN curl -fsSL -H "X-k: -k" https://x.example/a -o a && echo -k\n',
    );
  });
});
