import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxMessageEntity } from './outbox-message.entity';
import { OutboxWriter } from './outbox.writer';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessageEntity])],
  providers: [OutboxWriter],
  exports: [OutboxWriter],
})
export class OutboxModule {}
