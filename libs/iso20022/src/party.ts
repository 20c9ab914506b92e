import { el, optTextEl, textEl, type XmlElement } from './xml-writer';

/** PartyIdentification113 (setr.010/004/016): a BIC, a proprietary id, or a name. */
export type PartyId =
  | { readonly bic: string }
  | { readonly proprietaryId: string; readonly scheme?: string; readonly issuer?: string }
  | { readonly name: string };

/** AnyBICIdentifier of the 2017 setr schemas. */
export const ANY_BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

/** `<name><Pty>…</Pty></name>` */
export function partyEl(name: string, party: PartyId): XmlElement {
  return el(name, el('Pty', partyChoice(party)));
}

function partyChoice(party: PartyId): XmlElement {
  if ('bic' in party) return textEl('AnyBIC', party.bic);
  if ('proprietaryId' in party) {
    return el(
      'PrtryId',
      textEl('Id', party.proprietaryId),
      optTextEl('SchmeNm', party.scheme),
      optTextEl('Issr', party.issuer),
    );
  }
  return el('NmAndAdr', textEl('Nm', party.name));
}

/** The texts of a party with their field names and maximum lengths, for preflight. */
export function partyTexts(party: PartyId): { field: string; value: string; max: number }[] {
  if ('bic' in party) return [];
  if ('proprietaryId' in party) {
    return [
      { field: 'proprietaryId', value: party.proprietaryId, max: 35 },
      ...(party.scheme === undefined ? [] : [{ field: 'scheme', value: party.scheme, max: 35 }]),
      ...(party.issuer === undefined ? [] : [{ field: 'issuer', value: party.issuer, max: 35 }]),
    ];
  }
  return [{ field: 'name', value: party.name, max: 350 }];
}
