import { Module } from '@nestjs/common';

/** The Calastone channel (setr codecs, SFTP delivery) arrives with the outbound work; see docs/architecture.md. */
@Module({})
export class CalastoneModule {}
