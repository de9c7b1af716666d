import { describe, expect, it } from 'vitest';
import { upload, useTestCore } from '../../../testing';
import { api, DATE } from '../test-support';
import { buildXlsx } from './xlsx-fixture';

const start = useTestCore();
const stored = async (core: Parameters<typeof upload>[0], name: string, bytes: string | Uint8Array) => ({
  date: DATE,
  fileId: (await upload(core, name, bytes)).id,
});

const SWEDISH = [
  'Ordernr;Kund;Adress;Lat;Lon;Från;Till;Vikt;Pallar;Krav;Typ;Par;Kommentar',
  'SO-1;Åkes Livs;Storgatan 1, Huskvarna;57,786;14,274;08:00;10:00;120,5;1;kyl;leverans;;"Ring, sen dörr"',
  'SO-2;Berg Bygg;Industrigatan 4, Tenhult;57,704;14,321;;;450;2;;;;"Två rader',
  'i kommentaren"',
  'SO-3;Ek Retur;Verkstadsgatan 9, Bankeryd;57,86;14,13;09:00;12:00;200;1;;hämtning;SO-4;',
  'SO-4;Ek Butik;Skolgatan 2, Habo;57,907;14,074;13:00;16:00;200;1;;leverans;SO-3;',
].join('\r\n');

describe('order import', () => {
  it('previews a Swedish semicolon CSV, then commits it with pairs', async () => {
    const core = await start();
    const { ok } = api(core);
    const file = await stored(core, 'order.csv', '\ufeff' + SWEDISH);
    const preview = await ok('routes.importPreview', file);
    expect(preview).toMatchObject({
      format: 'csv',
      separator: ';',
      totalRows: 4,
      validRows: 4,
      invalidRows: 0,
    });
    expect(preview.columns[0]).toBe('Ordernr');
    expect(preview.suggestedMapping.fields).toMatchObject({
      reference: 'Ordernr',
      lat: 'Lat',
      lon: 'Lon',
      skills: 'Krav',
      kind: 'Typ',
      pairReference: 'Par',
    });
    expect(preview.suggestedMapping.dimensions).toEqual({ kg: 'Vikt', pallets: 'Pallar' });
    expect(preview.rows[1].values.Kommentar).toBe('Två rader\ni kommentaren');
    // Nothing is stored by a preview.
    expect(await ok('routes.listOrders', { date: DATE })).toEqual([]);

    const result = await ok('routes.importCommit', { ...file, mapping: preview.suggestedMapping });
    expect(result).toMatchObject({ created: 4, rejected: [] });
    const orders = await ok('routes.listOrders', { date: DATE });
    const byRef = Object.fromEntries(orders.map((o: { reference: string }) => [o.reference, o]));
    expect(byRef['SO-1']).toMatchObject({
      customer: 'Åkes Livs',
      lat: 57.786,
      demand: { kg: 120.5, pallets: 1 },
      timeWindows: [{ from: 480, to: 600 }],
      skills: ['kyl'],
      notes: 'Ring, sen dörr',
    });
    expect(byRef['SO-3']).toMatchObject({ kind: 'pickup', pairedOrderId: byRef['SO-4'].id });
    expect(byRef['SO-4'].pairedOrderId).toBe(byRef['SO-3'].id);
    const [m] = await ok('audit.list', { limit: 1 });
    expect(m.name).toBe('routes.importOrders');
    expect((m.args as { orders: unknown[] }).orders).toHaveLength(4);
    // The outbox names the stored file; its content is not copied in.
    expect(m.args).toMatchObject({ fileId: file.fileId, fileName: 'order.csv' });
    expect(JSON.stringify(m.args)).not.toContain('Ordernr;Kund');
  });

  it('reports per-row errors and imports only the valid rows, all in one go', async () => {
    const core = await start();
    const { ok } = api(core);
    await ok('routes.createOrder', {
      date: DATE,
      reference: 'OLD-1',
      customer: 'Known',
      address: 'Kyrkogatan 5, Gränna',
      lat: 58.026,
      lon: 14.462,
    });
    const csv = [
      'ref,customer,address,lat,lon,from,to,load,service',
      'A-1,Good,Somewhere,57.7,14.1,09:00,11:00,120 kg,10',
      'A-2,No place,Nowhere street 1,,,,,,',
      'A-3,Backwards,X,57.7,14.1,16:00,09:00,,',
      'A-4,Crates,X,57.7,14.1,,,3 crates,',
      'A-5,Bad number,X,57.7,abc,,,,ten',
      'A-6,Known address,"kyrkogatan 5,  Gränna",,,,,,',
      'A-1,Twice,X,57.7,14.1,,,,',
      'OLD-1,Exists,X,57.7,14.1,,,,',
    ].join('\n');
    const file = await stored(core, 'orders.csv', csv);
    const preview = await ok('routes.importPreview', file);
    expect(preview).toMatchObject({ totalRows: 8, validRows: 2, invalidRows: 6 });
    const errorsOf = (row: number) =>
      preview.rows
        .find((r: { row: number }) => r.row === row)!
        .errors.map((e: { message: string }) => e.message)
        .join(' | ');
    expect(errorsOf(3)).toMatch(/Unknown coordinates for "Nowhere street 1"/);
    expect(errorsOf(4)).toMatch(/time window ends before it starts \(16:00–09:00\)/);
    expect(errorsOf(5)).toMatch(/undeclared dimension "crates"/);
    expect(errorsOf(6)).toMatch(/lon: "abc" is not a number/);
    expect(errorsOf(6)).toMatch(/service: "ten" is not a number/);
    expect(errorsOf(8)).toMatch(/appears twice \(also row 2\)/);
    expect(errorsOf(9)).toMatch(/OLD-1 already exists/);
    // Each error also carries a code (and the offending value) for the operator's language.
    const codesOf = (row: number) =>
      preview.rows
        .find((r: { row: number }) => r.row === row)!
        .errors.map((e: { code: string; value?: string }) => [e.code, e.value]);
    expect(codesOf(3)).toEqual([['unknown_coordinates', 'Nowhere street 1']]);
    expect(codesOf(4)).toEqual([['window_order', '16:00–09:00']]);
    expect(codesOf(5)).toEqual([['undeclared_dimension', 'crates']]);
    expect(codesOf(6)).toEqual([
      ['not_a_number', 'abc'],
      ['not_a_number', 'ten'],
    ]);
    expect(codesOf(8)).toEqual([['duplicate_in_file', 'A-1']]);

    // All or nothing: any error, nothing created.
    const none = await ok('routes.importCommit', {
      ...file,
      mapping: preview.suggestedMapping,
      mode: 'all_or_nothing',
    });
    expect(none.created).toBe(0);
    expect(none.rejected.length).toBeGreaterThanOrEqual(6);
    expect(await ok('routes.listOrders', { date: DATE })).toHaveLength(1);

    const some = await ok('routes.importCommit', { ...file, mapping: preview.suggestedMapping });
    expect(some.created).toBe(2);
    expect(new Set(some.rejected.map((e: { row: number }) => e.row))).toEqual(new Set([3, 4, 5, 6, 8, 9]));
    const refs = (await ok('routes.listOrders', { date: DATE })).map(
      (o: { reference: string; lat: number }) => [o.reference, o.lat],
    );
    // The known address got the coordinates it had before.
    expect(refs).toEqual([
      ['OLD-1', 58.026],
      ['A-1', 57.7],
      ['A-6', 58.026],
    ]);
  });

  it('imports an XLSX built here, with times as day fractions', async () => {
    const core = await start();
    const { ok } = api(core);
    const bytes = buildXlsx([
      ['Order', 'Customer', 'Latitude', 'Longitude', 'Window start', 'Window end', 'Weight kg', 'Pallets'],
      ['X-1', 'Åkes Livs', 57.786, 14.274, 0.375, 0.5, 120, 1],
      ['X-2', 'Berg', 57.704, 14.321, '13:00', '16:00', 80, 0],
    ]);
    const file = await stored(core, 'Orders.xlsx', bytes);
    const preview = await ok('routes.importPreview', file);
    expect(preview).toMatchObject({ format: 'xlsx', sheet: 'Orders', validRows: 2 });
    expect(preview.suggestedMapping.fields).toMatchObject({
      reference: 'Order',
      windowStart: 'Window start',
      windowEnd: 'Window end',
    });
    const res = await ok('routes.importCommit', { ...file, mapping: preview.suggestedMapping });
    expect(res.created).toBe(2);
    const [x1] = await ok('routes.listOrders', { date: DATE });
    expect(x1).toMatchObject({
      reference: 'X-1',
      timeWindows: [{ from: 540, to: 720 }],
      demand: { kg: 120, pallets: 1 },
    });
  });

  it('refuses unreadable files and broken mappings clearly', async () => {
    const core = await start();
    const { fail } = api(core);
    expect(await fail('routes.importPreview', await stored(core, 'x.csv', '\n'))).toMatchObject({
      code: 'invalid_input',
    });
    expect(await fail('routes.importPreview', { date: DATE, fileId: 'ab'.repeat(32) })).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('Upload it again'),
    });
    expect(await fail('routes.importPreview', { date: DATE, fileId: '../loadstar.db' })).toMatchObject({
      code: 'invalid_input',
    });
    expect(
      await fail('routes.importPreview', await stored(core, 'x.xlsx', 'PK\u0003\u0004garbage')),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('.xlsx'),
    });
    expect(
      await fail(
        'routes.importPreview',
        await stored(core, 'old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])),
      ),
    ).toMatchObject({
      message: expect.stringContaining('.xls files cannot be read'),
    });
    expect(
      await fail('routes.importCommit', {
        ...(await stored(core, 'x.csv', 'ref,lat,lon\nA,57,14\n')),
        mapping: { fields: { reference: 'Reference' }, dimensions: {} },
      }),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('no column called "Reference"'),
    });
  });
});
