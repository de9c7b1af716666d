import {
  MAX_BATCH_LABELS,
  type BatchProgress,
  type JobPage,
  type JobState,
  type LabelPreview,
  type LabelTemplateInfo,
  type PrintJob,
} from '@shared/contract/devices';
import { AppError } from '@shared/contract/errors';
import {
  findTemplate,
  LABEL_TEMPLATES,
  ssccPalletLabel,
  ZplBuilder,
  type LabelSetup,
} from '@shared/domain/zpl';
import type { Database } from '../../db/database';
import { recordMutation } from '../../db/outbox';
import type { ZplPreviewer } from '../preview/zpl-previewer';
import { jobZpl } from '../queue/print-jobs-repo';
import type { LabelInput, PrintSpooler } from '../queue/print-spooler';
import { getPrinter, labelSetup } from '../queue/printers-repo';
import type { PrintersService } from './printers-service';
import { allocateConfiguredSsccs, peekNextSscc } from './sscc-service';

/** The label size a preview uses when no printer is named: 4×6 in at 203 dpi. */
const DEFAULT_SETUP: LabelSetup = { dpi: 203, widthMm: 101.6, heightMm: 152.4 };

export interface PrintRequest {
  printerId: string;
  template: string;
  items: ReadonlyArray<{ fields: Record<string, string>; copies: number }>;
  title?: string | undefined;
}

export type PreviewRequest =
  | { jobId: string }
  | {
      template: string;
      fields: Record<string, string>;
      printerId?: string | undefined;
      dpi?: 203 | 300 | 600 | undefined;
      labelWidthMm?: number | undefined;
      labelHeightMm?: number | undefined;
    };

/** Printing templates, the queue and history, reprint/cancel, and previews. */
export class LabelsService {
  constructor(
    private readonly deps: {
      db: Database;
      spooler: PrintSpooler;
      printers: PrintersService;
      previewer: ZplPreviewer;
      now: () => number;
    },
  ) {}

  templates(): LabelTemplateInfo[] {
    return LABEL_TEMPLATES.map((t) => ({
      id: t.id,
      title: t.title,
      designSize: t.designSize,
      fields: t.fields.map((f) => ({
        key: f.key,
        label: f.label,
        required: f.required,
        maxLength: f.maxLength,
        multiline: f.multiline ?? false,
      })),
    }));
  }

  /** Renders every label first (a bad field refuses the whole batch), then queues them as one batch. */
  async print(req: PrintRequest, actor: string): Promise<BatchProgress> {
    const total = req.items.reduce((n, item) => n + item.copies, 0);
    if (total > MAX_BATCH_LABELS)
      throw new AppError(
        'invalid_input',
        `One print holds at most ${MAX_BATCH_LABELS} labels; this one has ${total}. Split it up.`,
      );
    const printer = await this.deps.printers.usable(req.printerId);
    const template = this.template(req.template);
    const setup = labelSetup(printer);
    const render = (items: PrintRequest['items']): LabelInput[] => {
      const labels: LabelInput[] = [];
      items.forEach((item, i) => {
        const zpl = withItem(i, items.length, () => template.render(item.fields, setup));
        const title = labelTitle(template.title, item.fields, items.length > 1 ? i + 1 : null);
        for (let c = 0; c < item.copies; c++) labels.push({ title, zpl, template: template.id });
      });
      return labels;
    };
    const title = req.title?.trim() || `${capitalise(template.title)} × ${total}`;
    const unnumbered = req.items.filter((item) => needsSscc(template.id, item.fields)).length;
    if (unnumbered === 0)
      return this.deps.spooler.enqueueBatch({
        printerId: printer.id,
        title,
        labels: render(req.items),
        actor,
      });
    // Pallet labels without an SSCC: the serials are taken in the transaction that queues the
    // jobs, one per item (its copies are the same pallet), consecutive in item order. That commit
    // reaches the disk before a label is printed, so a power cut cannot issue an SSCC twice.
    return this.deps.spooler.enqueueBatch({
      printerId: printer.id,
      title,
      actor,
      durable: true,
      labels: async (tx) => {
        const ssccs = await allocateConfiguredSsccs(tx, unnumbered);
        // Which SSCCs went out, next to the batch's own outbox entry (same commit).
        await recordMutation(tx, {
          name: 'devices.allocateSscc',
          args: { first: ssccs[0], last: ssccs.at(-1), count: ssccs.length, printerId: printer.id },
          actor,
        });
        let next = 0;
        return render(
          req.items.map((item) =>
            needsSscc(template.id, item.fields)
              ? { ...item, fields: { ...item.fields, sscc: ssccs[next++]! } }
              : item,
          ),
        );
      },
    });
  }

  /** A small label with the printer's name, resolution and a barcode: proves the whole path. */
  async testPrint(printerId: string, actor: string): Promise<PrintJob> {
    const printer = await this.deps.printers.usable(printerId);
    const setup = labelSetup(printer);
    const z = new ZplBuilder(setup);
    const w = setup.widthMm;
    z.text(3, 3, 'Loadstar test print', { heightMm: Math.min(8, w / 12), blockWidthMm: w - 6 })
      .text(3, 14, [printer.name, `${setup.dpi} dpi, ${setup.widthMm}×${setup.heightMm} mm`], {
        heightMm: 3.5,
        blockWidthMm: w - 6,
      })
      .box(2, 2, w - 4, Math.min(setup.heightMm - 4, 40))
      .code128(4, 26, 'LOADSTAR-TEST', { heightMm: Math.min(10, setup.heightMm / 4) });
    return this.deps.spooler.enqueue({
      printerId,
      actor,
      title: `Test print ${printer.name}`,
      zpl: z.build(),
      template: null,
    });
  }

  async jobs(filter: {
    printerId: string;
    states?: JobState[] | undefined;
    batchId?: string | undefined;
    beforeSeq?: number | undefined;
    limit: number;
  }): Promise<JobPage> {
    await getPrinter(this.deps.db, filter.printerId);
    const jobs = await this.deps.spooler.jobs({
      printerId: filter.printerId,
      limit: filter.limit + 1,
      ...(filter.states ? { states: filter.states } : {}),
      ...(filter.batchId ? { batchId: filter.batchId } : {}),
      ...(filter.beforeSeq !== undefined ? { beforeSeq: filter.beforeSeq } : {}),
    });
    const more = jobs.length > filter.limit;
    const page = jobs.slice(0, filter.limit);
    return { jobs: page, nextBeforeSeq: more ? (page.at(-1)?.seq ?? null) : null };
  }

  async preview(req: PreviewRequest): Promise<LabelPreview> {
    let zpl: string;
    let setup: LabelSetup;
    if ('jobId' in req) {
      const job = await this.deps.spooler.job(req.jobId);
      const printer = await getPrinter(this.deps.db, job.printerId);
      zpl = (await jobZpl(this.deps.db, job.id)) ?? '';
      setup = labelSetup(printer);
    } else {
      const template = this.template(req.template);
      const base = req.printerId ? labelSetup(await getPrinter(this.deps.db, req.printerId)) : DEFAULT_SETUP;
      setup = {
        dpi: req.dpi ?? base.dpi,
        widthMm: req.labelWidthMm ?? base.widthMm,
        heightMm: req.labelHeightMm ?? base.heightMm,
      };
      // An unnumbered pallet label previews with the SSCC it would get now (nothing is taken).
      const fields = needsSscc(template.id, req.fields)
        ? { ...req.fields, sscc: (await peekNextSscc(this.deps.db)) ?? '' }
        : req.fields;
      zpl = template.render(fields, setup);
    }
    const images = await this.deps.previewer.render(zpl, setup);
    if (images.length === 0)
      throw new AppError(
        'unavailable',
        'The label preview came out empty; the label may still print correctly.',
      );
    return { images, widthMm: setup.widthMm, heightMm: setup.heightMm, dpi: setup.dpi, zpl };
  }

  private template(id: string) {
    const t = findTemplate(id);
    if (!t)
      throw new AppError(
        'not_found',
        `There is no label template "${id}". Choose one of: ${LABEL_TEMPLATES.map((x) => x.id).join(', ')}`,
        { template: id },
      );
    return t;
  }
}

/** A pallet label sent without an SSCC gets the next one of the configured prefix. */
function needsSscc(templateId: string, fields: Record<string, string>): boolean {
  return templateId === ssccPalletLabel.id && !fields.sscc?.trim();
}

/** Names the label of a multi-label batch whose fields were refused. */
function withItem<T>(index: number, count: number, render: () => T): T {
  try {
    return render();
  } catch (err) {
    if (count > 1 && err instanceof AppError)
      throw new AppError(err.code, `Label ${index + 1} of ${count}: ${err.message}`, {
        ...(typeof err.details === 'object' ? err.details : {}),
        item: index,
      });
    throw err;
  }
}

function labelTitle(templateTitle: string, fields: Record<string, string>, n: number | null): string {
  const key = ['sscc', 'trackingNumber', 'appointmentRef', 'doorName', 'location', 'barcode'].find(
    (k) => fields[k],
  );
  const what = key ? `${capitalise(templateTitle)} ${fields[key]!.slice(0, 40)}` : capitalise(templateTitle);
  return n === null || key ? what : `${what} #${n}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
