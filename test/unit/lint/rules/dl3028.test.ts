import { ruleCases } from '../helpers';

ruleCases('DL3028', {
  catches: [
    { text: 'FROM ruby:3.3\nRUN gem install bundler', name: 'unpinned' },
    { text: 'FROM ruby:3.3\nRUN gem install rails:7.2.1 puma', count: 1, name: 'one of two' },
    { text: 'FROM ruby:3.3\nRUN gem i --no-document rake', name: 'alias i, option' },
    { text: 'FROM ruby:3.3\nONBUILD RUN gem install bundler', name: 'in ONBUILD' },
    { text: 'FROM ruby:3.3\nRUN gem update --system \\\n && gem install \\\n    nokogiri', lines: [4], name: 'continuation' },
  ],
  passes: [
    { text: 'FROM ruby:3.3\nRUN gem install mysql2:0.5.6 -- --with-mysql-dir /usr/local', name: 'build options after --' },
    'FROM ruby:3.3\nRUN gem install bundler:2.5.22',
    { text: 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.22', name: '-v' },
    { text: 'FROM ruby:3.3\nRUN gem install --version=2.5.22 bundler', name: '--version=' },
    { text: 'FROM ruby:3.3\nRUN gem install ./mygem-1.0.gem', name: 'local gem file' },
    { text: 'FROM ruby:3.3\nRUN gem update --system', name: 'not install' },
    { text: 'FROM ruby:3.3\nRUN bundle install', name: 'bundler' },
  ],
});
