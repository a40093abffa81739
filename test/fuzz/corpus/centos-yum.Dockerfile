FROM centos:7
MAINTAINER someone@example.com
RUN yum install -y --nogpgcheck httpd mod_ssl && yum clean all
RUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.conf
RUN echo "deb [trusted=yes] http://repo.example.com stable main" > /etc/apt/sources.list.d/x.list
RUN git clone https://user:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/org/repo.git
RUN pip install --trusted-host pypi.example.com requests==2.31.0 && npm config set strict-ssl false
COPY id_rsa /root/.ssh/id_rsa
COPY .env /app/.env
ADD . /app
RUN chown -R root:root /app && chmod -R o+w /app
EXPOSE 80 443
CMD ["httpd", "-DFOREGROUND"]
