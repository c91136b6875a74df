/**
 * A thread that parses a bill CSV file (up to 5 MB), so the main thread keeps answering every
 * other call meanwhile (a 4.9 MB file took 7 s there). Receives the text and its delimiter,
 * answers the records or the parser's error. Started per import by import.ts.
 */
import { parentPort } from 'node:worker_threads';
import { parseCsvRecords, type CsvParseRequest } from './csv-read';

const port = parentPort;
if (port) {
  port.once('message', (request: CsvParseRequest) => {
    void parseCsvRecords(request).then((result) => port.postMessage(result));
  });
}
