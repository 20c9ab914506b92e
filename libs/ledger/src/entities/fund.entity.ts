import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { FundStatus, Provider, Route } from '@contingency/contracts';

@Entity({ name: 'funds' })
@Check('funds_provider_check', `provider IN ('GS', 'NON_GS')`)
@Check('funds_primary_route_check', `primary_route IN ('CASIE', 'CALASTONE')`)
@Check('funds_alternate_route_check', `alternate_route IN ('CALASTONE')`)
@Check('funds_status_check', `status IN ('OPEN', 'CLOSED')`)
@Check('funds_gs_has_no_alternate', `provider <> 'GS' OR alternate_route IS NULL`)
export class FundEntity {
  @PrimaryColumn({ type: 'char', length: 12, primaryKeyConstraintName: 'funds_pkey' })
  isin!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  provider!: Provider;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** 'HH:MM:SS' in the fund's own time zone. */
  @Column({ name: 'cutoff_time', type: 'time' })
  cutoffTime!: string;

  /** IANA name, e.g. Europe/Dublin. */
  @Column({ type: 'text' })
  timezone!: string;

  @Column({ name: 'primary_route', type: 'text' })
  primaryRoute!: Route;

  @Column({ name: 'alternate_route', type: 'text', nullable: true })
  alternateRoute!: 'CALASTONE' | null;

  @Column({ type: 'text' })
  status!: FundStatus;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
